package dev.orders.local.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The local key value store: the import file format and its limits, seeded once, re-read when edited. */
class KeyValueStoreFileTest {

    static final String SEED = "{\"data\": [{\"key\": \"/a\", \"value\": \"1\"}, {\"key\": \"/b\", \"value\": \"2\"}]}";

    @TempDir
    Path data;

    @Test
    void the_first_open_seeds_the_data_folder_and_later_opens_keep_its_edits() throws Exception {
        KeyValueStoreFile store = KeyValueStoreFile.open(data, "Redirects", SEED);
        assertThat(store.file()).isEqualTo(data.resolve("edge/Redirects.json"));
        assertThat(store.current().keys()).isEqualTo(2);

        edit(store.file(), "{\"data\": [{\"key\": \"/c\", \"value\": \"3\"}]}");

        assertThat(KeyValueStoreFile.open(data, "Redirects", SEED).current().keys())
                .isEqualTo(1);
    }

    @Test
    void an_edit_is_seen_on_the_next_read_and_a_refused_one_keeps_the_last_good_table() throws Exception {
        KeyValueStoreFile store = KeyValueStoreFile.open(data, "Redirects", SEED);
        KeyValueStoreFile.Snapshot first = store.current();

        assertThat(store.current()).isSameAs(first);
        edit(store.file(), "{\"data\": [{\"key\": \"/c\", \"value\": \"3\"}]}");
        KeyValueStoreFile.Snapshot edited = store.current();
        edit(store.file(), "{\"data\": [{\"key\": \"/c\"}]}");

        assertThat(edited.keys()).isEqualTo(1);
        assertThat(edited.json()).contains("/c");
        assertThat(store.current()).isSameAs(edited);
    }

    @Test
    void a_deleted_file_is_an_empty_table() throws Exception {
        KeyValueStoreFile store = KeyValueStoreFile.open(data, "Redirects", SEED);

        Files.delete(store.file());

        assertThat(store.current().keys()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"duplicate", "long key", "long value", "empty key", "not a string", "no data", "not json"})
    void the_import_format_rules_are_enforced(String broken) {
        String json = switch (broken) {
            case "duplicate" ->
                "{\"data\": [{\"key\": \"/a\", \"value\": \"1\"}, {\"key\": \"/a\", \"value\": \"2\"}]}";
            case "long key" -> "{\"data\": [{\"key\": \"/" + "k".repeat(512) + "\", \"value\": \"1\"}]}";
            case "long value" -> "{\"data\": [{\"key\": \"/a\", \"value\": \"" + "v".repeat(1025) + "\"}]}";
            case "empty key" -> "{\"data\": [{\"key\": \"\", \"value\": \"1\"}]}";
            case "not a string" -> "{\"data\": [{\"key\": \"/a\", \"value\": 1}]}";
            case "no data" -> "{\"items\": []}";
            default -> "{\"data\": [";
        };

        assertThatThrownBy(() -> KeyValueStoreFile.parse("Redirects", json, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_limits_themselves_are_accepted() {
        String json = "{\"data\": [{\"key\": \"/" + "k".repeat(511) + "\", \"value\": \"" + "v".repeat(1024) + "\"}]}";

        assertThat(KeyValueStoreFile.parse("Redirects", json, 1).keys()).isEqualTo(1);
    }

    @Test
    void a_seed_the_import_would_refuse_fails_the_open() {
        assertThatThrownBy(() -> KeyValueStoreFile.open(data, "Redirects", "{\"data\": 1}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(data.resolve("edge/Redirects.json")).doesNotExist();
    }

    @Test
    void a_read_only_store_uses_the_data_folder_copy_when_there_is_one() throws Exception {
        assertThat(KeyValueStoreFile.readOnly(data, "Redirects", SEED).keys()).isEqualTo(2);
        assertThat(data.resolve("edge")).doesNotExist();

        KeyValueStoreFile.open(data, "Redirects", SEED);
        edit(data.resolve("edge/Redirects.json"), "{\"data\": []}");

        assertThat(KeyValueStoreFile.readOnly(data, "Redirects", SEED).keys()).isZero();
    }

    private static int edits;

    private static void edit(Path file, String json) throws Exception {
        Files.writeString(file, json, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(++edits)));
    }
}
