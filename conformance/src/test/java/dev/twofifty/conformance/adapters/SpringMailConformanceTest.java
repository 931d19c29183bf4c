package dev.twofifty.conformance.adapters;

import dev.twofifty.conformance.ClientAdapter;

/** Spring's {@code JavaMailSenderImpl} with its defaults, which are Angus Mail's, over the whole catalogue. */
class SpringMailConformanceTest extends OnAngusConformanceContract {

    @Override
    ClientAdapter adapter() {
        return new SpringMailAdapter();
    }

    @Override
    String publishedName() {
        return "spring";
    }
}
