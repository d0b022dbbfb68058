/** {@code ferry execute}: the entrypoint of a Flyte 1 task pod. */
@NullMarked
package dev.ferry.cli.execute;

import org.jspecify.annotations.NullMarked;
