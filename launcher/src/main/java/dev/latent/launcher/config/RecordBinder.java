package dev.latent.launcher.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.latent.api.config.ConfigException;
import dev.latent.api.config.ConfigProblem;
import dev.latent.api.config.Setting;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds a manifest section (a YAML mapping) to a plugin's configuration record, collecting every
 * problem instead of stopping at the first: unknown keys, missing required keys, values of the
 * wrong type, and the range checks of the record's own compact constructor.
 *
 * <p>Jackson parses; this class binds, because Jackson's binding stops at the first error and
 * the manifest contract is one message listing every problem. Supported component types: int,
 * long, double, boolean, String, nested records (a mapping, bound the same way) and lists of
 * those.
 */
public final class RecordBinder {

    private static final ObjectMapper YAML = new YAMLMapper();

    private RecordBinder() {
    }

    /**
     * Binds {@code node} (a mapping; null for every default) to a new {@code type}; on any problem
     * (also a {@code node} that is not a mapping) adds it (with its manifest path under
     * {@code path}) to {@code problems} and returns null.
     *
     * @param ignored keys of the section that are not settings (such as {@code name})
     */
    public static <R extends Record> R bind(JsonNode node, Class<R> type, String path, String owner,
                                            List<String> ignored, List<ConfigProblem> problems) {
        if (node != null && !node.isNull() && !node.isObject()) {
            problems.add(new ConfigProblem(ProblemId.WRONG_TYPE, path, "expected a mapping, found " + show(node)));
            return null;
        }
        RecordComponent[] components = type.getRecordComponents();
        List<String> keys = Arrays.stream(components).map(RecordComponent::getName).toList();
        int start = problems.size();
        if (node != null) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!keys.contains(key) && !ignored.contains(key)) {
                    problems.add(new ConfigProblem(ProblemId.UNKNOWN_KEY, join(path, key), "is not a setting of " + owner
                            + "; allowed: " + (keys.isEmpty() ? "none" : String.join(", ", keys))
                            + DidYouMean.hint(key, keys)));
                }
            }
        }
        // Unknown keys above do not stop the record's own range checks below: every problem at once.
        int before = problems.size();
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            String key = join(path, c.getName());
            JsonNode value = node == null ? null : node.get(c.getName());
            if (value == null || value.isNull()) {
                value = defaultValue(c);
                if (value == null) {
                    Setting s = c.getAnnotation(Setting.class);
                    problems.add(new ConfigProblem(ProblemId.MISSING_KEY, key, "is required" + (s == null ? "" : " (" + s.value() + ")")));
                    continue;
                }
            }
            args[i] = convert(value, c.getGenericType(), key, problems);
        }
        if (problems.size() > before) {
            return null;
        }
        try {
            Constructor<R> canonical = type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            R bound = canonical.newInstance(args);
            return problems.size() > start ? null : bound;
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof ConfigException ce) {
                problems.addAll(ce.under(path).problems());
            } else {
                problems.add(new ConfigProblem(ProblemId.OUT_OF_RANGE, path, "is invalid: " + e.getCause().getMessage()));
            }
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + type.getName() + ": " + e, e);
        }
    }

    /** The record's values as a mapping, for the resolved manifest a run saves. */
    public static Map<String, Object> unbind(Record config) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (RecordComponent c : config.getClass().getRecordComponents()) {
            try {
                Object value = c.getAccessor().invoke(config);
                out.put(c.getName(), value instanceof Record nested ? unbind(nested) : value);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + c + ": " + e, e);
            }
        }
        return out;
    }

    /** Each key with its type, default and description, for help texts. */
    public static List<String> describe(Class<? extends Record> type) {
        List<String> lines = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            Setting s = c.getAnnotation(Setting.class);
            String def = s == null || Setting.REQUIRED.equals(s.defaultValue()) ? "required" : "default " + s.defaultValue();
            lines.add(c.getName() + " (" + c.getType().getSimpleName() + ", " + def + ")" + (s == null ? "" : ": " + s.value()));
        }
        return lines;
    }

    private static JsonNode defaultValue(RecordComponent c) {
        Setting s = c.getAnnotation(Setting.class);
        if (s == null || Setting.REQUIRED.equals(s.defaultValue())) {
            return null;
        }
        if (c.getType() == String.class) {
            return YAML.getNodeFactory().textNode(s.defaultValue());
        }
        try {
            return YAML.readTree(s.defaultValue());
        } catch (Exception e) {
            throw new IllegalStateException("bad default '" + s.defaultValue() + "' on " + c, e);
        }
    }

    private static Object convert(JsonNode v, Type type, String key, List<ConfigProblem> problems) {
        if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
            if (!v.isArray()) {
                problems.add(new ConfigProblem(ProblemId.WRONG_TYPE, key, "expected a list, found " + show(v)));
                return null;
            }
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                items.add(convert(v.get(i), p.getActualTypeArguments()[0], key + "[" + i + "]", problems));
            }
            return items;
        }
        if (type instanceof Class<?> c && c.isRecord()) {
            return bind(v, c.asSubclass(Record.class), key, key, List.of(), problems);
        }
        if (type == int.class || type == Integer.class) {
            if (v.isIntegralNumber() && v.canConvertToInt()) {
                return v.intValue();
            }
            problems.add(new ConfigProblem(ProblemId.WRONG_TYPE, key, "expected an integer, found " + show(v)));
        } else if (type == long.class || type == Long.class) {
            if (v.isIntegralNumber() && v.canConvertToLong()) {
                return v.longValue();
            }
            problems.add(new ConfigProblem(ProblemId.WRONG_TYPE, key, "expected an integer, found " + show(v)));
        } else if (type == double.class || type == Double.class) {
            if (v.isNumber() && Double.isFinite(v.doubleValue())) {
                return v.doubleValue();
            }
            problems.add(v.isNumber()
                    ? new ConfigProblem(ProblemId.OUT_OF_RANGE, key, "must be a finite number, found " + v.asText())
                    : new ConfigProblem(ProblemId.WRONG_TYPE, key, "expected a number, found " + show(v)));
        } else if (type == boolean.class || type == Boolean.class) {
            if (v.isBoolean()) {
                return v.booleanValue();
            }
            problems.add(new ConfigProblem(ProblemId.WRONG_TYPE, key, "expected true or false, found " + show(v)));
        } else if (type == String.class) {
            if (v.isValueNode()) {
                return v.asText();
            }
            problems.add(new ConfigProblem(ProblemId.WRONG_TYPE, key, "expected a string, found " + show(v)));
        } else {
            throw new IllegalStateException("unsupported setting type " + type + " for " + key);
        }
        return defaultFor(type);
    }

    private static Object defaultFor(Type type) {
        if (type == int.class) {
            return 0;
        } else if (type == long.class) {
            return 0L;
        } else if (type == double.class) {
            return 0.0;
        } else if (type == boolean.class) {
            return false;
        }
        return null;
    }

    /** A value as the user wrote it: strings quoted, mappings and lists abbreviated. */
    static String show(JsonNode v) {
        if (v.isTextual()) {
            return quote(v.asText());
        }
        if (v instanceof ObjectNode) {
            return "a mapping";
        }
        return abbreviate(v.toString(), "");
    }

    /** A string in quotes, its control characters (a NUL, a line break) written as escapes, a long one cut short. */
    static String quote(String s) {
        StringBuilder escaped = new StringBuilder();
        s.codePoints().forEach(c -> escaped.append(Character.isISOControl(c) ? String.format("\\u%04x", c)
                : new String(Character.toChars(c))));
        return abbreviate(escaped.toString(), "'");
    }

    /** {@code shown} between {@code quote}s, cut to its first 60 characters and its length when longer than 80. */
    private static String abbreviate(String shown, String quote) {
        return shown.length() <= 80 ? quote + shown + quote
                : quote + shown.substring(0, 60) + "..." + quote + " (" + shown.length() + " characters)";
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
