package dev.latent.api.config;

/** The configuration of a plugin that has no settings. */
public record NoSettings() {
}
