package org.shardkit.core.config;

/**
 * A configuration setting was given a value outside its bounds: thrown by the builders, which
 * are the one place each bound is written, and mapped by the YAML reader to the key's path and
 * line. Its message reads {@code <setting> <requirement>, but was <value>}.
 */
final class InvalidSettingException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String setting;
    private final String requirement;
    private final String value;

    InvalidSettingException(String setting, String requirement, Object value) {
        super(setting + " " + requirement + ", but was " + value);
        this.setting = setting;
        this.requirement = requirement;
        this.value = String.valueOf(value);
    }

    /** Returns the setting's name, which is also its YAML key, e.g. {@code maximumSize}. */
    String setting() {
        return setting;
    }

    /** Returns the bad value as the message shows it. */
    String value() {
        return value;
    }

    /** Returns what the value must be, e.g. {@code must be >= 1}. */
    String requirement() {
        return requirement;
    }
}
