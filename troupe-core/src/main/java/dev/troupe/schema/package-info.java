/**
 * JSON Schema for actor definitions: {@link dev.troupe.schema.JavaSchemas} derives schemas from Java
 * types, {@link dev.troupe.schema.SchemaCheck} compiles a schema once and checks JSON values against
 * it, saying in plain words what does not fit. The OpenAPI document publishes the schemas of every
 * action; argument decoding uses them to validate (for definitions that are not Java classes) or to
 * explain a rejected argument (for Java classes). Validation is networknt's json-schema-validator
 * (draft 2020-12) on Jackson; the messages are ours.
 */
package dev.troupe.schema;
