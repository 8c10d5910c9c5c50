/**
 * JSON Schema for actor definitions: {@link dev.troupe.schema.JavaSchemas} derives schemas from Java
 * types, {@link dev.troupe.schema.SchemaCheck} checks JSON values against them in plain words. The
 * OpenAPI document publishes the schemas of every action; argument decoding uses them to validate
 * (for definitions that are not Java classes) or to explain a rejected argument (for Java classes).
 * Depends on Jackson only.
 */
package dev.troupe.schema;
