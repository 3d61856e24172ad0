package dev.connectnow.message.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FileNamesTest {

    @Test
    void cleansPathsControlsAndBidiOverrides() {
        assertThat(FileNames.clean("C:\\Users\\ada\\report.pdf")).isEqualTo("report.pdf");
        assertThat(FileNames.clean("../../etc/passwd")).isEqualTo("passwd");
        assertThat(FileNames.clean("invoice\u202Efdp.exe")).isEqualTo("invoicefdp.exe");
        assertThat(FileNames.clean("a\r\nb\u0000c.txt")).isEqualTo("abc.txt");
        assertThat(FileNames.clean("  ")).isEqualTo("file");
        assertThat(FileNames.clean("..")).isEqualTo("file");
        assertThat(FileNames.clean(null)).isEqualTo("file");
        assertThat(FileNames.clean("😀".repeat(300)).codePointCount(0, 255 * 2)).isEqualTo(255);
    }

    @Test
    void contentDispositionHasAnAsciiFallbackAndTheUtf8Name() {
        assertThat(FileNames.contentDisposition("attachment", "Résumé \"final\";.pdf"))
                .isEqualTo(
                        "attachment; filename=\"R_sum_ _final_;.pdf\"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%22final%22%3B.pdf");
        assertThat(FileNames.contentDisposition("inline", "a.png"))
                .isEqualTo("inline; filename=\"a.png\"; filename*=UTF-8''a.png");
    }
}
