package dev.ferry.sdk;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Whether and how a task's outputs are cached. The key is the task's name, the cache version, its
 * interface, and its inputs (ignored inputs dropped, {@code Literal.hash} used where set), plus the
 * salt. {@link Behavior#AUTO} derives the version from the task's code: a hash of the bytecode of
 * the class that implements it, so editing that class invalidates the cache.
 *
 * <pre>{@code
 * Cache.auto()                                  // version from the code
 * Cache.version("v2").ignoring("verbose")      // explicit version, one input left out of the key
 * Cache.auto().serialized()                     // concurrent identical calls run once
 * Cache.disabled()
 * }</pre>
 */
public final class Cache {
  /** The default of a task without a cache setting: off. */
  public static final Cache DISABLED = new Cache(Behavior.DISABLE, null, Set.of(), "", false);

  /** How the version is chosen. */
  public enum Behavior {
    /** The version is a hash of the implementing class's bytecode. */
    AUTO,
    /** The version is given. */
    OVERRIDE,
    /** No caching. */
    DISABLE
  }

  private final Behavior behavior;
  private final @Nullable String version;
  private final Set<String> ignoredInputs;
  private final String salt;
  private final boolean serialize;

  private Cache(
      Behavior behavior,
      @Nullable String version,
      Set<String> ignoredInputs,
      String salt,
      boolean serialize) {
    this.behavior = behavior;
    this.version = version;
    this.ignoredInputs = Set.copyOf(new TreeSet<>(ignoredInputs));
    this.salt = salt;
    this.serialize = serialize;
  }

  /** Returns a cache whose version comes from the task's code. */
  public static Cache auto() {
    return new Cache(Behavior.AUTO, null, Set.of(), "", false);
  }

  /** Returns a cache with an explicit version. */
  public static Cache version(String version) {
    if (version == null || version.isBlank()) {
      throw new IllegalArgumentException(
          "cache version must not be blank but was '" + version + "'");
    }
    return new Cache(Behavior.OVERRIDE, version, Set.of(), "", false);
  }

  /** Returns no caching. */
  public static Cache disabled() {
    return DISABLED;
  }

  /** Returns this cache with {@code inputs} left out of the key. */
  public Cache ignoring(String... inputs) {
    Set<String> all = new TreeSet<>(ignoredInputs);
    all.addAll(Arrays.asList(inputs));
    return new Cache(behavior, version, all, salt, serialize);
  }

  /** Returns this cache with {@code salt} added to the key. */
  public Cache salted(String salt) {
    return new Cache(behavior, version, ignoredInputs, Objects.requireNonNull(salt), serialize);
  }

  /** Returns this cache with concurrent identical calls run once, the others waiting for it. */
  public Cache serialized() {
    return new Cache(behavior, version, ignoredInputs, salt, true);
  }

  /** Returns the behaviour. */
  public Behavior behavior() {
    return behavior;
  }

  /** Returns true unless caching is disabled. */
  public boolean enabled() {
    return behavior != Behavior.DISABLE;
  }

  /** Returns the explicit version (for {@link Behavior#OVERRIDE}). */
  public Optional<String> version() {
    return Optional.ofNullable(version);
  }

  /** Returns the inputs left out of the key, sorted. */
  public Set<String> ignoredInputs() {
    return ignoredInputs;
  }

  /** Returns the salt ({@code ""} when none). */
  public String salt() {
    return salt;
  }

  /** Returns true if concurrent identical calls run once. */
  public boolean serialize() {
    return serialize;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cache c
        && c.behavior == behavior
        && Objects.equals(c.version, version)
        && c.ignoredInputs.equals(ignoredInputs)
        && c.salt.equals(salt)
        && c.serialize == serialize;
  }

  @Override
  public int hashCode() {
    return Objects.hash(behavior, version, ignoredInputs, salt, serialize);
  }

  @Override
  public String toString() {
    return "Cache{"
        + behavior
        + (version == null ? "" : " " + version)
        + (ignoredInputs.isEmpty() ? "" : ", ignoring " + new TreeSet<>(ignoredInputs))
        + (salt.isEmpty() ? "" : ", salted")
        + (serialize ? ", serialized" : "")
        + "}";
  }
}
