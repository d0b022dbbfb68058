/** The embedded local executor: runs, actions, attempts, the output cache and secrets. */
@NullMarked
package dev.ferry.executor;

import org.jspecify.annotations.NullMarked;
