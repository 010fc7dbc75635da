package dev.hush.core.format.compose;

import dev.hush.core.testing.TestResources;
import dev.hush.core.format.SourceFile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.hush.core.format.compose.ComposeFile.Document;
import dev.hush.core.format.compose.ComposeFile.Form;
import dev.hush.core.format.compose.ComposeFile.Service;
import dev.hush.core.format.compose.ComposeFile.Variable;
import dev.hush.core.format.compose.ComposeFile.Volume;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ComposeFileTest {

    private static ComposeFile parse(String path, String text) {
        return ComposeFile.parse(new SourceFile(path, text));
    }

    private static String at(String text, ComposeFile.Span span) {
        return text.substring(span.start(), span.end());
    }

    @Test
    void keepsThePositionsOfListEntriesAndTheirParts() {
        String text = TestResources.composeFixture("environment-list.yaml");

        Service api = parse("compose.yaml", text).services().get(0);

        Variable password = api.environment().get(1);
        assertThat(password.form()).isEqualTo(Form.LIST);
        assertThat(password.name()).isEqualTo("DB_PASSWORD");
        assertThat(at(text, password.entry())).isEqualTo("DB_PASSWORD=hunter2-not-real-0002");
        assertThat(at(text, password.key().span())).isEqualTo("DB_PASSWORD");
        assertThat(at(text, password.value().orElseThrow().span())).isEqualTo("hunter2-not-real-0002");
        assertThat(password.entry().line()).isEqualTo(6);
        Variable quoted = api.environment().get(2);
        assertThat(at(text, quoted.entry())).isEqualTo("\"API_KEY=key-0000111122223333\"");
        assertThat(at(text, quoted.value().orElseThrow().span())).isEqualTo("key-0000111122223333");
        assertThat(api.environment().get(4).value()).isEmpty();
        assertThat(api.environment().get(5).value().orElseThrow().text()).isEmpty();
        assertThat(api.environmentBlock().orElseThrow().flow()).isFalse();
    }

    @Test
    void keepsThePositionsOfMapEntries() {
        String text = TestResources.composeFixture("environment-map.yaml");

        List<Variable> environment = parse("compose.yaml", text).services().get(0).environment();

        Variable token = environment.stream().filter(v -> v.name().equals("API_TOKEN")).findFirst().orElseThrow();
        assertThat(token.form()).isEqualTo(Form.MAP);
        assertThat(at(text, token.entry())).isEqualTo("API_TOKEN: 'tok_0000111122223333aaaa'");
        assertThat(at(text, token.value().orElseThrow().span())).isEqualTo("'tok_0000111122223333aaaa'");
        assertThat(token.value().orElseThrow().quoted()).isTrue();
        Variable fromShell = environment.stream().filter(v -> v.name().equals("SHELL_PASSWORD")).findFirst().orElseThrow();
        assertThat(fromShell.value()).isEmpty();
        assertThat(token.origin().inherited()).isFalse();
        assertThat(token.origin().home()).isEqualTo("db");
    }

    @Test
    void tellsWhereInheritedEntriesAreDefinedAndThroughWhichAnchor() {
        ComposeFile compose = parse("compose.yaml", TestResources.composeFixture("anchors.yaml"));
        List<Service> services = compose.services();

        Variable merged = services.get(0).environment().stream()
                .filter(v -> v.name().equals("DB_PASSWORD")).findFirst().orElseThrow();
        assertThat(merged.origin()).isEqualTo(new ComposeFile.Origin("x-common-env", false, true, Optional.of("common-env")));
        Variable own = services.get(0).environment().stream()
                .filter(v -> v.name().equals("API_PORT")).findFirst().orElseThrow();
        assertThat(own.origin().inherited()).isFalse();
        Variable aliased = services.get(3).environment().get(0);
        assertThat(services.get(3).name()).isEqualTo("db-replica");
        assertThat(aliased.origin()).isEqualTo(new ComposeFile.Origin("db", true, true, Optional.of("db-env")));
        assertThat(services.get(4).environment().get(0).origin().anchor()).contains("worker");
        assertThat(services.get(1).environment()).extracting(Variable::name)
                .containsExactlyInAnyOrder("DB_PASSWORD", "LOG_LEVEL");
    }

    @Test
    void readsSecretsVolumesAndEnvFiles() {
        String text = """
                services:
                  db:
                    image: mariadb:11
                    secrets:
                      - db-password
                      - source: api-key
                        target: api_key
                    volumes:
                      - C:\\data:/var/lib/mysql:ro,z
                      - ${DATA:-./data}:/data
                      - type: bind
                        source: /srv/db
                        target: /backup
                        read_only: true
                    env_file: [a.env, {path: b.env, required: false}]
                    environment: {A: b}
                secrets:
                  db-password:
                    file: db/password.txt
                  api-key:
                    environment: API_KEY
                """;

        Document document = parse("compose.yaml", text).documents().get(0);

        Service db = document.services().get(0);
        assertThat(db.secrets()).extracting(ComposeFile.SecretUse::source, ComposeFile.SecretUse::longSyntax)
                .containsExactly(tuple("db-password", false),
                        tuple("api-key", true));
        List<Volume> volumes = db.volumes();
        assertThat(volumes.get(0).source().orElseThrow().text()).isEqualTo("C:\\data");
        assertThat(volumes.get(0).target()).contains("/var/lib/mysql");
        assertThat(volumes.get(0).readOnly()).isTrue();
        assertThat(volumes.get(1).source().orElseThrow().text()).isEqualTo("${DATA:-./data}");
        assertThat(volumes.get(1).readOnly()).isFalse();
        assertThat(volumes.get(2).longSyntax()).isTrue();
        assertThat(volumes.get(2).readOnly()).isTrue();
        assertThat(db.envFiles()).extracting(f -> f.path().text(), ComposeFile.EnvFile::required)
                .containsExactly(tuple("a.env", true),
                        tuple("b.env", false));
        assertThat(db.environmentBlock().orElseThrow().flow()).isTrue();
        assertThat(document.secrets()).extracting(ComposeFile.SecretDefinition::name, ComposeFile.SecretDefinition::file,
                        ComposeFile.SecretDefinition::environment)
                .containsExactly(
                        tuple("db-password", Optional.of("db/password.txt"), Optional.empty()),
                        tuple("api-key", Optional.empty(), Optional.of("API_KEY")));
        assertThat(at(text, document.secretsBlock().orElseThrow().key())).isEqualTo("secrets");
        assertThat(document.secretsBlock().orElseThrow().key().line()).isEqualTo(17);
    }

    @Test
    void numbersTheDocumentsOfAStream() {
        ComposeFile compose = parse("compose.yaml", TestResources.composeFixture("multi-document.yaml"));

        assertThat(compose.documents()).extracting(Document::index).containsExactly(0, 1);
        assertThat(compose.services()).extracting(Service::name).containsExactly("first", "second");
        assertThat(compose.isCompose()).isTrue();
        assertThat(compose.problems()).isEmpty();
    }

    @Test
    void isNotComposeWithoutAServicesMap() {
        ComposeFile compose = parse("values.yaml", "services:\n  - a\n");

        assertThat(compose.isCompose()).isFalse();
        assertThat(compose.problems()).isEmpty();
    }

    @Test
    void recognisesComposeFileNames() {
        assertThat(List.of("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml",
                "docker-compose.prod.yml", "docker-compose-dev.yaml", "compose.override.yaml", "Compose.YAML"))
                .allMatch(ComposeFile::isComposeName);
        assertThat(List.of("composer.yaml", "values.yaml", "compose.json", ".gitlab-ci.yml", "my-compose.yaml"))
                .noneMatch(ComposeFile::isComposeName);
    }
}
