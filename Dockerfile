# Build stage: Maven with JDK 21.
FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /src
# Only the served product is built: the benchmark module (bench/) is not part of the image.
COPY pom.xml .
COPY src src
COPY index-config index-config
COPY corpus corpus
RUN mvn -B -q package -DskipTests -pl src

# Runtime stage: a JRE 21 with the jar, the config and the bundled corpus, indexed at build time.
FROM eclipse-temurin:21-jre
WORKDIR /app
COPY --from=build /src/target/newsroom-search.jar newsroom-search.jar
COPY index-config index-config
COPY corpus corpus
RUN java -jar newsroom-search.jar index --corpus corpus --index data/index
ENV NEWSROOM_PORT=7700
EXPOSE 7700
# serve indexes the corpus first when NEWSROOM_INDEX points at an empty folder.
CMD ["java", "-jar", "newsroom-search.jar", "serve"]
