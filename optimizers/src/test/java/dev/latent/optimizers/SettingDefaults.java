package dev.latent.optimizers;

import dev.latent.api.config.Setting;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;

/**
 * Builds a config record from the defaults its {@link Setting}s declare, as the launcher would
 * for an empty manifest section. Knows the types optimizer configs use: numbers, booleans,
 * strings, and nested records whose default is the empty mapping {@code {}}.
 */
final class SettingDefaults {

    private SettingDefaults() {
    }

    static <R extends Record> R of(Class<R> type) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            Setting setting = c.getAnnotation(Setting.class);
            if (setting == null || Setting.REQUIRED.equals(setting.defaultValue())) {
                throw new IllegalArgumentException(type.getSimpleName() + "." + c.getName() + " has no default");
            }
            types[i] = c.getType();
            values[i] = c.getType().isRecord() && "{}".equals(setting.defaultValue())
                    ? of(c.getType().asSubclass(Record.class))
                    : parse(c.getType(), setting.defaultValue());
        }
        try {
            return type.getDeclaredConstructor(types).newInstance(values);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object parse(Class<?> type, String text) {
        if (type == double.class) {
            return Double.parseDouble(text);
        }
        if (type == boolean.class && (text.equals("true") || text.equals("false"))) {
            return Boolean.parseBoolean(text);
        }
        if (type == int.class) {
            return Integer.parseInt(text);
        }
        if (type == long.class) {
            return Long.parseLong(text);
        }
        if (type == String.class) {
            return text;
        }
        throw new IllegalArgumentException("cannot read '" + text + "' as " + type);
    }
}
