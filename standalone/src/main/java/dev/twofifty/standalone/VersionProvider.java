package dev.twofifty.standalone;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest, for {@code --version}. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = ServeCommand.class.getPackage().getImplementationVersion();
        return new String[] {"TwoFifty " + (version == null ? "(development build)" : version)};
    }
}
