# syntax=docker/dockerfile:1
#
# The standalone TwoFifty server: fake SMTP on 2525, admin API and web view on 8025.
#
#   docker build -t twofifty .
#   docker run --rm -p 2525:2525 -p 8025:8025 twofifty
#   docker run --rm -p 2525:2525 -p 8025:8025 twofifty --admin-token s3cret --tls
#
# Arguments after the image name are passed to the server (see --help). The entry point gives
# --bind 0.0.0.0; a later --bind on the command line overrides it (the last one wins).

# ---- build: the fat jar, from this source tree (tests run in CI, not here)
FROM maven:3-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q package -DskipTests -pl standalone -am

# ---- run: a JRE, the jar, and a user without privileges
FROM eclipse-temurin:17-jre
RUN groupadd --system twofifty \
    && useradd --system --gid twofifty --home-dir /app --no-create-home --shell /usr/sbin/nologin twofifty
COPY --from=build /src/standalone/target/twofifty-standalone.jar /app/twofifty-standalone.jar
WORKDIR /app
USER twofifty:twofifty

# SMTP, and the admin API with its web view at /.
EXPOSE 2525 8025

# The server binds 127.0.0.1 by default, which is right on a developer's machine (a fake mail
# server and an admin API that can reset it should not be reachable from the network). Inside a
# container, though, 127.0.0.1 is the container's own loopback: published ports reach the
# container's network interface, never its loopback, so with the default nothing outside could
# connect. Hence --bind 0.0.0.0 here; the container's network and -p decide who can reach it
# (publish on the host's loopback only with -p 127.0.0.1:2525:2525 -p 127.0.0.1:8025:8025).
ENTRYPOINT ["java","-jar","/app/twofifty-standalone.jar","--bind","0.0.0.0"]

# The eclipse-temurin images include curl. /api/health needs no token even with --admin-token.
# This checks the default admin port; with --admin-port or --admin-port -1, override or disable
# it (docker run --health-cmd ... or --no-healthcheck).
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8025/api/health || exit 1
