package dev.hush.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import org.junit.jupiter.api.Test;

class SecretFileTest {

    @Test
    void explainsPermissionDeniedThoughTheJdkGivesNoReason() {
        assertThat(SecretFile.reason(new AccessDeniedException("/run/secrets/jwt_secret")))
                .isEqualTo("permission denied");
    }

    @Test
    void usesTheOperatingSystemsReasonWhenThereIsOne() {
        FileSystemException loop = new FileSystemException("/run/secrets/jwt_secret", null,
                "Too many levels of symbolic links");

        assertThat(SecretFile.reason(loop)).isEqualTo("Too many levels of symbolic links");
    }

    @Test
    void namesTheExceptionTypeWhenThereIsNoReason() {
        assertThat(SecretFile.reason(new IOException("stream closed"))).isEqualTo("IOException");
    }
}
