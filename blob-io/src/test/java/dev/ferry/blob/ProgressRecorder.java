package dev.ferry.blob;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Records the calls of a {@link ProgressListener} and checks them. */
public final class ProgressRecorder implements ProgressListener {
  private final List<long[]> calls = Collections.synchronizedList(new ArrayList<>());
  private final List<URI> uris = Collections.synchronizedList(new ArrayList<>());

  @Override
  public void onProgress(URI uri, long bytesDone, long totalBytes) {
    uris.add(uri);
    calls.add(new long[] {bytesDone, totalBytes});
  }

  /**
   * Asserts that every call named {@code uri} and {@code total}, that bytes done never went down,
   * and that the first call said 0 and the last said {@code total}.
   */
  public void assertComplete(URI uri, long total) {
    assertThat(calls).isNotEmpty();
    assertThat(uris).containsOnly(uri);
    long previous = 0;
    for (long[] call : calls) {
      assertThat(call[1]).isEqualTo(total);
      assertThat(call[0]).isGreaterThanOrEqualTo(previous);
      previous = call[0];
    }
    assertThat(calls.get(0)[0]).isZero();
    assertThat(calls.get(calls.size() - 1)[0]).isEqualTo(total);
  }
}
