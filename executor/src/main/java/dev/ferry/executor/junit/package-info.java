/** A JUnit 5 extension that runs Ferry tasks on the embedded executor in a temporary directory. */
@NullMarked
package dev.ferry.executor.junit;

import org.jspecify.annotations.NullMarked;
