/**
 * The service provider interface for blob stores outside Ferry: what a store needs to plug into
 * {@link dev.ferry.blob.BlobStores} the way {@code file}, {@code memory}, {@code s3} and {@code gs}
 * do.
 *
 * <p>A store implements {@link dev.ferry.blob.BlobStore}, usually by extending {@link
 * dev.ferry.blob.spi.AbstractBlobStore} (which writes the file and directory transfers once on top
 * of {@code create}, {@code open}, {@code stat} and {@code list}), and writes objects through a
 * subclass of {@link dev.ferry.blob.spi.AbstractBlobOutputStream} (buffering, CRC32C, progress,
 * close-once). It is found by a {@link dev.ferry.blob.BlobStoreProvider} named in the jar's {@code
 * META-INF/services/dev.ferry.blob.BlobStoreProvider}. The helpers beside them verify reads ({@link
 * dev.ferry.blob.spi.VerifyingInputStream}, {@link dev.ferry.blob.spi.Crc32cs}), report and cancel
 * transfers ({@link dev.ferry.blob.spi.TransferProgress}) and name failures ({@link
 * dev.ferry.blob.spi.Failures}).
 *
 * <p>The classes of this package are API: they change only with the version's minor number, as
 * {@code dev.ferry.blob} does. {@code dev.ferry.blob.internal} is not API.
 */
@NullMarked
package dev.ferry.blob.spi;

import org.jspecify.annotations.NullMarked;
