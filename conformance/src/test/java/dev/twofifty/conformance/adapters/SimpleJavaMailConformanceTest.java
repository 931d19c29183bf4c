package dev.twofifty.conformance.adapters;

import dev.twofifty.conformance.ClientAdapter;

/** Simple Java Mail with its defaults over the whole catalogue. */
class SimpleJavaMailConformanceTest extends OnAngusConformanceContract {

    @Override
    ClientAdapter adapter() {
        return new SimpleJavaMailAdapter();
    }

    @Override
    String publishedName() {
        return "simple-java-mail";
    }
}
