package dev.hush.core.git;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VendoredFoldersTest {
    @ParameterizedTest
    @CsvSource({
        "node_modules, npm",
        "web/app/node_modules, npm",
        "static/bower_components, Bower",
        "jspm_packages, jspm",
        "vendor/github.com, Go modules",
        "services/api/vendor/golang.org, Go modules",
        "vendor/gopkg.in, Go modules",
        "vendor/bundle, Bundler",
        ".venv/lib/python3.11/site-packages, pip",
        "usr/lib/python3/dist-packages, pip",
        "__pypackages__, pip",
        "ios/Pods, CocoaPods",
        "Carthage/Checkouts, Carthage",
        ".yarn/cache, Yarn",
        ".yarn/unplugged, Yarn",
    })
    void knowsThePackageManagersFolders(String folder, String manager) {
        assertThat(VendoredFolders.installedBy(folder)).contains(manager);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "vendor", "src/vendor", "vendor/acme", "vendor/laravel", "vendors/github.com", "vendor/.github",
        "my_node_modules", "node_modules_backup", "nodemodules", "Checkouts", "cache", "bundle", "unplugged",
        "app/bundle", "lib/site-packages-notes", "pods", "k8s/pods", "src/github.com", "docs/vendor.md",
    })
    void scansEveryOtherFolder(String folder) {
        assertThat(VendoredFolders.installedBy(folder)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"node_modules", "vendor/github.com"})
    void saysWhyAndHowToIncludeTheFolder(String folder) {
        assertThat(VendoredFolders.skipped(folder, "npm").path()).isEqualTo(folder + "/");
        assertThat(VendoredFolders.skipped(folder, "npm").reason())
                .contains("vendored dependencies (npm)").contains("--include-vendored").contains("scanVendored: true");
    }
}
