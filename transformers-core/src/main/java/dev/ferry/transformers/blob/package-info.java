/**
 * Files and directories as the Python SDK's {@code FlyteFile} and {@code FlyteDirectory}, over the
 * blob stores of a {@link dev.ferry.transformers.blob.DataPlane}.
 */
@NullMarked
package dev.ferry.transformers.blob;

import org.jspecify.annotations.NullMarked;
