package dev.ferry.blob.s3;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.async.SdkPublisher;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Reads a GET's body of a known length into one array, allocated once: no growing buffer, no copy.
 * A body of another length fails the request, unless the transformer takes bodies of at most that
 * length (the first range of {@code openRange}, which may pass the object's end). Each attempt
 * ({@link #prepare()}) starts over in the same array.
 */
final class ChunkTransformer implements AsyncResponseTransformer<GetObjectResponse, byte[]> {
  private final int length;
  private final boolean atMost;
  private byte @Nullable [] array;
  private volatile CompletableFuture<byte[]> result = new CompletableFuture<>();
  private volatile @Nullable GetObjectResponse response;

  /** Returns a transformer of bodies of exactly {@code length} bytes. */
  ChunkTransformer(int length) {
    this(length, false);
  }

  /** Returns a transformer of bodies of {@code length} bytes, or at most that if {@code atMost}. */
  ChunkTransformer(int length, boolean atMost) {
    this.length = length;
    this.atMost = atMost;
  }

  /** Returns the response of the last attempt, once it arrived. */
  @Nullable GetObjectResponse response() {
    return response;
  }

  @Override
  public CompletableFuture<byte[]> prepare() {
    if (array == null) {
      array = new byte[length];
    }
    result = new CompletableFuture<>();
    return result;
  }

  @Override
  public void onResponse(GetObjectResponse response) {
    this.response = response;
    Long contentLength = response.contentLength();
    if (contentLength != null && (atMost ? contentLength > length : contentLength != length)) {
      result.completeExceptionally(
          new IOException("expected " + length + " bytes but the response has " + contentLength));
    }
  }

  @Override
  public void onStream(SdkPublisher<ByteBuffer> publisher) {
    byte[] target = array;
    CompletableFuture<byte[]> done = result;
    if (target == null) {
      throw new IllegalStateException("onStream before prepare");
    }
    publisher.subscribe(
        new Subscriber<ByteBuffer>() {
          private @Nullable Subscription subscription;
          private int position;

          @Override
          public void onSubscribe(Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
          }

          @Override
          public void onNext(ByteBuffer buffer) {
            int n = buffer.remaining();
            if (position + n > length) {
              Subscription s = subscription;
              if (s != null) {
                s.cancel();
              }
              done.completeExceptionally(
                  new IOException("expected " + length + " bytes but the response has more"));
              return;
            }
            buffer.get(target, position, n);
            position += n;
          }

          @Override
          public void onError(Throwable t) {
            done.completeExceptionally(t);
          }

          @Override
          public void onComplete() {
            if (position == length) {
              done.complete(target);
            } else if (atMost) {
              done.complete(Arrays.copyOf(target, position));
            } else {
              done.completeExceptionally(
                  new IOException(
                      "expected " + length + " bytes but the response ended after " + position));
            }
          }
        });
  }

  @Override
  public void exceptionOccurred(Throwable error) {
    result.completeExceptionally(error);
  }
}
