/** Task images built without a Docker daemon: {@link dev.ferry.cli.image.TaskImageBuilder}. */
@NullMarked
package dev.ferry.cli.image;

import org.jspecify.annotations.NullMarked;
