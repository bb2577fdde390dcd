package dev.latent.launcher.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.latent.api.config.ConfigProblem;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads a manifest file into a YAML tree: a file that is missing, unreadable, not YAML (with
 * the line and column of the fault), has a key twice, or is not a mapping is a
 * {@link ManifestException}.
 */
final class ManifestYaml {

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private ManifestYaml() {
    }

    static ObjectNode read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw fault(ProblemId.UNREADABLE_FILE, file, "", "cannot be read: no such file");
        } catch (AccessDeniedException e) {
            throw fault(ProblemId.UNREADABLE_FILE, file, "", "cannot be read: permission denied");
        } catch (IOException e) {
            throw fault(ProblemId.UNREADABLE_FILE, file, "", "cannot be read: " + e);
        }
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw fault(ProblemId.INVALID_YAML, file, where(e), "is not valid YAML: " + problem(e));
        }
        if (!(root instanceof ObjectNode object)) {
            throw fault(ProblemId.INVALID_YAML, file, "", "must be a YAML mapping of sections, such as 'model: {name: ae}'");
        }
        return object;
    }

    /** Where a YAML parse error is: {@code line 2, column 10}, or the empty string when the parser does not say. */
    static String where(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            var mark = marked.getProblemMark();
            return "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
        }
        var at = e.getLocation();
        return at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    /** What a YAML parse error found wrong, on one line and without where it is. */
    static String problem(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            return marked.getProblem();
        }
        return e.getOriginalMessage();
    }

    private static ManifestException fault(String id, Path file, String where, String message) {
        return new ManifestException(file, List.of(new ConfigProblem(id, where, message)));
    }
}
