package dev.hush.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.hush.core.Hush;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The CLI is a thin shell over secrets-core's API: it uses only the packages core exports. */
class CoreApiBoundaryTest {
    @Test
    void usesOnlyThePackagesThatSecretsCoreExports() throws Exception {
        Set<String> exported = coreExports();
        assertThat(exported).contains("dev.hush.core", "dev.hush.core.scan").doesNotContain("dev.hush.core.detect");
        DescribedPredicate<JavaClass> internal = DescribedPredicate.describe("internal to secrets-core",
                c -> c.getPackageName().startsWith("dev.hush.core") && !exported.contains(c.getPackageName()));
        classes().that().resideInAPackage("dev.hush.cli..")
                .should().onlyDependOnClassesThat(DescribedPredicate.not(internal))
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.hush.cli"));
    }

    /** Reads the exports of the module descriptor in the jar or folder that holds {@link Hush}. */
    private static Set<String> coreExports() throws IOException, URISyntaxException {
        Path location = Path.of(Hush.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (Files.isDirectory(location)) {
            return exports(location.resolve("module-info.class"));
        }
        try (FileSystem jar = FileSystems.newFileSystem(location, Map.of())) {
            return exports(jar.getPath("module-info.class"));
        }
    }

    private static Set<String> exports(Path descriptor) throws IOException {
        try (InputStream in = Files.newInputStream(descriptor)) {
            return ModuleDescriptor.read(in).exports().stream().map(ModuleDescriptor.Exports::source)
                    .collect(Collectors.toSet());
        }
    }
}
