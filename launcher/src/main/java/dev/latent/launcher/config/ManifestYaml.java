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
            if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
                var mark = marked.getProblemMark();
                throw fault(ProblemId.INVALID_YAML, file, "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1),
                        "is not valid YAML: " + marked.getProblem());
            }
            var at = e.getLocation();
            String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw fault(ProblemId.INVALID_YAML, file, where, "is not valid YAML: " + e.getOriginalMessage());
        }
        if (!(root instanceof ObjectNode object)) {
            throw fault(ProblemId.INVALID_YAML, file, "", "must be a YAML mapping of sections, such as 'model: {name: ae}'");
        }
        return object;
    }

    private static ManifestException fault(String id, Path file, String where, String message) {
        return new ManifestException(file, List.of(new ConfigProblem(id, where, message)));
    }
}
