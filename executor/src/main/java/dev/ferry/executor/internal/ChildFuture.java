package dev.ferry.executor.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The future of a child action: waiting on it ({@code get}, {@code join}) gives the waiting body's
 * permit back until the child is done, so parents blocked on children cannot starve the pool.
 * Futures derived with {@code thenApply} and friends behave the same.
 *
 * @param <T> the child's output
 */
public final class ChildFuture<T> extends CompletableFuture<T> {
  private final Permits permits;

  /** Returns an incomplete future whose waiters give back their permits. */
  public ChildFuture(Permits permits) {
    this.permits = permits;
  }

  @Override
  public <U> CompletableFuture<U> newIncompleteFuture() {
    return new ChildFuture<>(permits);
  }

  @Override
  public T get() throws InterruptedException, ExecutionException {
    if (isDone()) {
      return super.get();
    }
    boolean suspended = permits.suspend();
    try {
      return super.get();
    } finally {
      permits.resume(suspended);
    }
  }

  @Override
  public T get(long timeout, TimeUnit unit)
      throws InterruptedException, ExecutionException, TimeoutException {
    if (isDone()) {
      return super.get();
    }
    boolean suspended = permits.suspend();
    try {
      return super.get(timeout, unit);
    } finally {
      permits.resume(suspended);
    }
  }

  @Override
  public T join() {
    if (isDone()) {
      return super.join();
    }
    boolean suspended = permits.suspend();
    try {
      return super.join();
    } finally {
      permits.resume(suspended);
    }
  }
}
