package dev.ferry.transformers.blob;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The allow-list of places offloaded literals may be read from ({@link DataPlane}). */
final class LiteralSources {
  private static final Pattern SCHEME_ONLY = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://");
  private static final Pattern HAS_SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:.*");

  private LiteralSources() {}

  /** A place compared by scheme, authority and decoded path; a null path stands for any. */
  private record Place(String scheme, String authority, @Nullable String path) {}

  /** Returns {@code source} normalised, or throws if it is neither a URI, a path nor a scheme. */
  static String checkSource(String source) {
    if (SCHEME_ONLY.matcher(source).matches()) {
      return source.toLowerCase(Locale.ROOT);
    }
    URI uri = sourceUri(source);
    if (uri.isOpaque() || uri.getPath() == null) {
      throw new IllegalArgumentException(
          "not a literal source: '" + source + "' (give a prefix URI, a path or scheme://)");
    }
    return uri.toString();
  }

  private static URI sourceUri(String source) {
    if (!HAS_SCHEME.matcher(source).matches()) {
      return Path.of(source).toAbsolutePath().normalize().toUri();
    }
    try {
      return new URI(source);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "not a literal source: '" + source + "' (" + e.getMessage() + ")", e);
    }
  }

  /** Returns true if {@code uri} lies under one of {@code sources} and has no dot segment. */
  static boolean allows(List<String> sources, URI uri) {
    Place target = place(uri);
    if (target == null || target.path() == null || hasDotSegment(target.path())) {
      return false;
    }
    for (String source : sources) {
      Place allowed =
          SCHEME_ONLY.matcher(source).matches()
              ? new Place(source.substring(0, source.length() - 3), "", null)
              : place(sourceUri(source));
      if (allowed != null && covers(allowed, target)) {
        return true;
      }
    }
    return false;
  }

  private static boolean covers(Place allowed, Place target) {
    if (!allowed.scheme().equals(target.scheme())) {
      return false;
    }
    if (allowed.path() == null) {
      return true; // a whole scheme
    }
    if (!allowed.authority().equals(target.authority())) {
      return false;
    }
    String prefix = allowed.path();
    String path = target.path();
    if (path == null) {
      return false;
    }
    if (prefix.isEmpty() || prefix.equals("/")) {
      return true;
    }
    String dir = prefix.endsWith("/") ? prefix : prefix + "/";
    return path.startsWith(dir);
  }

  private static @Nullable Place place(URI uri) {
    if (uri.isOpaque()) {
      return null;
    }
    if (uri.getScheme() == null) {
      String path = uri.getPath();
      if (path == null || hasDotSegment(path)) {
        return null;
      }
      return place(Path.of(path).toAbsolutePath().toUri());
    }
    String authority = uri.getAuthority() == null ? "" : uri.getAuthority();
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("file") && authority.equalsIgnoreCase("localhost")) {
      authority = "";
    }
    return new Place(scheme, authority, uri.getPath() == null ? "" : uri.getPath());
  }

  private static boolean hasDotSegment(String path) {
    for (String segment : path.split("/", -1)) {
      if (segment.equals(".") || segment.equals("..")) {
        return true;
      }
    }
    return false;
  }
}
