package dev.ferry.executor;

import dev.ferry.sdk.MapOptions;
import dev.ferry.sdk.MapResult;
import dev.ferry.sdk.Task;
import dev.ferry.sdk.spi.ActionController;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/** The controller where tasks cannot start child actions; groups and traces just run. */
enum NoChildren implements ActionController {
  INSTANCE;

  @Override
  public <I, O> CompletableFuture<O> submit(Task<I, O> task, @Nullable I input) {
    throw unsupported(task);
  }

  @Override
  public <I, O> MapResult<O> map(Task<I, O> task, List<? extends I> inputs, MapOptions options) {
    throw unsupported(task);
  }

  @Override
  public <T> T group(String name, Callable<T> body) throws Exception {
    return body.call();
  }

  @Override
  public <T> T trace(String name, @Nullable Object input, Callable<T> fn) throws Exception {
    return fn.call();
  }

  private static UnsupportedOperationException unsupported(Task<?, ?> task) {
    return new UnsupportedOperationException(
        "task "
            + task.name()
            + " cannot be called as a child action here: this executor runs"
            + " single actions only");
  }
}
