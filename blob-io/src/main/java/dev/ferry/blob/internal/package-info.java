/** Implementation details of the blob stores; not API. */
@NullMarked
package dev.ferry.blob.internal;

import org.jspecify.annotations.NullMarked;
