package dev.ferry.dataframe.parquet;

import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The index columns pandas serializes into a table ({@code df.to_parquet()}, {@code
 * pa.Table.from_pandas()}): a named index ({@code df.set_index("id")}) is stored as an ordinary
 * column of its name, and an unnamed one (a {@code RangeIndex} kept with {@code index=True}, or any
 * other unnamed index) as a column {@code __index_level_N__}; the {@code "pandas"} key-value
 * metadata lists both under {@code index_columns}.
 *
 * <p>Ferry treats named index columns as data, and drops unnamed ones when it reads "every column"
 * (an Arrow read of no named columns): they are pandas' row labels, not the frame's columns. A
 * record reads only the columns it names, so it reads {@code __index_level_0__} only by naming that
 * component.
 */
public final class PandasIndex {
  private static final Pattern UNNAMED = Pattern.compile("__index_level_\\d+__");

  private PandasIndex() {}

  /**
   * Returns true if {@code column} is an unnamed index column that pandas wrote, as the {@code
   * "pandas"} entry of {@code metadata} (a file's key-value metadata or an Arrow schema's custom
   * metadata; null for none) says.
   */
  public static boolean isUnnamedIndex(String column, @Nullable Map<String, String> metadata) {
    if (metadata == null || !UNNAMED.matcher(column).matches()) {
      return false;
    }
    String pandas = metadata.get("pandas");
    // the name appears, quoted, in "index_columns"; a frame's own column of that name is not
    // an index column, but pandas never gives a data column a name of this form
    return pandas != null && pandas.contains("\"" + column + "\"");
  }
}
