/**
 * Amazon S3, and any S3-compatible endpoint, as a blob store: {@code s3://bucket/key}, on the AWS
 * SDK for Java v2 async client (Netty, or the AWS CRT as an option). See {@link
 * dev.ferry.blob.s3.S3BlobStore} for the transfers and {@link dev.ferry.blob.s3.S3Settings} for
 * configuration.
 */
@NullMarked
package dev.ferry.blob.s3;

import org.jspecify.annotations.NullMarked;
