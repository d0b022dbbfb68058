/** The contract between tasks and the executor that runs them. */
@NullMarked
package dev.ferry.sdk.spi;

import org.jspecify.annotations.NullMarked;
