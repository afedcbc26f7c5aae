# The search service in a container: built by the launcher's own build step, run by the launcher as a non-root
# user, with the index on a volume. DockerfileTest checks what can be checked without a container engine.
#
#   docker build -t newsroom-search .
#   docker run -p 7700:7700 -v newsroom-data:/app/data newsroom-search
#
# Settings come from the environment (README, "Container"): NEWSROOM_PORT, NEWSROOM_HEAP, NEWSROOM_PROFILE,
# NEWSROOM_WRITE_TOKEN_FILE (a mounted secret), NEWSROOM_ACCESS_LOG=json, and the other NEWSROOM_* options.

# Build stage: Maven with a JDK 21. Only the served product is built: the benchmark module (bench/) is not in it.
FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /src
COPY pom.xml newsroom ./
# The top-level build names every module: the reactor reads the other modules' poms, and builds src alone.
COPY bench/pom.xml bench/
COPY solr-cluster/pom.xml solr-cluster/
COPY src src
RUN ./newsroom build

# Runtime stage: a JRE 21, the jar, the launcher (for the JVM flags and the health check), config and corpus.
FROM eclipse-temurin:21-jre
RUN useradd --system --uid 10001 --user-group --home-dir /app --no-create-home newsroom
WORKDIR /app
COPY --from=build /src/target/newsroom-search.jar target/newsroom-search.jar
COPY newsroom ./
COPY src/bin/find-java.sh src/bin/
COPY index-config index-config
COPY corpus corpus
# The index lives on the volume: the first start indexes the corpus into it, and a re-created container finds it
# there with its live-written articles. (A new named volume starts as a copy of this folder, owned by newsroom.)
RUN mkdir -p data && chown newsroom:newsroom data
VOLUME /app/data
ENV NEWSROOM_PORT=7700 \
    NEWSROOM_INDEX=/app/data/index \
    NEWSROOM_HEAP=1g \
    NEWSROOM_PROFILE=news
USER newsroom
EXPOSE 7700
# Indexing the bundled corpus at the first start takes seconds; a large mounted corpus may need a longer start period.
HEALTHCHECK --interval=30s --timeout=10s --start-period=120s --retries=3 CMD ["./newsroom", "health"]
ENTRYPOINT ["./newsroom"]
CMD ["serve"]
