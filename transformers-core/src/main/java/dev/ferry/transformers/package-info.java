/**
 * Ferry's built-in transformers: primitives, temporal types, enums, records, optionals, sealed
 * unions, lists, maps and binary.
 */
@NullMarked
package dev.ferry.transformers;

import org.jspecify.annotations.NullMarked;
