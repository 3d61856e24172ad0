# One image recipe for every ConnectNow module: docker build --build-arg MODULE=auth-service -t connectnow/auth-service .
FROM maven:3.9-eclipse-temurin-17 AS build
ARG MODULE
WORKDIR /src
COPY . .
RUN mvn -q -DskipTests -pl ${MODULE} -am package

# Built as Java 17 bytecode (the floor the build and the tests hold), run on the current LTS: on Java 25 the gateway path
# answered 22 % faster and saturated 17 % higher than on 17, with less CPU per request in every JVM
# (docs/benchmarks.md, stop 41)
FROM eclipse-temurin:25-jre
ARG MODULE
# /data/attachments: message-service's local attachment storage in docker-compose; a named volume mounted there
# takes the directory's owner, so the service's user can write it
RUN useradd --system --uid 10001 connectnow \
    && mkdir -p /data/attachments && chown 10001 /data/attachments
WORKDIR /app
COPY --from=build /src/${MODULE}/target/${MODULE}.jar /app/app.jar
USER 10001
# The collector and heap the benchmarks measure (bench/ServiceJvm): G1 pinned, as below 1,792 MiB of memory the JVM
# would pick Serial; half the container's memory as heap leaves the ~330 MiB a service uses beside it (metaspace,
# code cache, G1's own structures, threads; docs/running.md#containers-and-kubernetes). Netty loads its native epoll
# transport through JNI, which Java 24+ allows only with a warning unless native access is enabled.
# Compact object headers (Java 25): 8-byte headers instead of 12, ~10 % less heap for the same objects.
# sun.misc.Unsafe's memory access, allowed by name: Eureka's client and server read their registry with XStream, which
# uses it; on Java 25 the first use printed four plain-text WARNING lines into every service's JSON log, and a later
# Java's default (deny, JEP 498) would fail it. Remove when no library on the path needs it (docs/running.md).
ENV JAVA_TOOL_OPTIONS="-XX:+UseG1GC -XX:MaxRAMPercentage=50 -XX:+ExitOnOutOfMemoryError --enable-native-access=ALL-UNNAMED -XX:+UseCompactObjectHeaders --sun-misc-unsafe-memory-access=allow"
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
