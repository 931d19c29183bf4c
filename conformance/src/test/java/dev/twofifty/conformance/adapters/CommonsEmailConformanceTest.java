package dev.twofifty.conformance.adapters;

import dev.twofifty.conformance.ClientAdapter;

/** Apache Commons Email 2 (Jakarta) with its defaults over the whole catalogue. */
class CommonsEmailConformanceTest extends OnAngusConformanceContract {

    @Override
    ClientAdapter adapter() {
        return new CommonsEmailAdapter();
    }

    @Override
    String publishedName() {
        return "commons-email";
    }
}
