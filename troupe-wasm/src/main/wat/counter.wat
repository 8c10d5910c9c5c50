;; The WebAssembly counter: the demo's Java counter action for action (see docs/wasm.md).
;; increment(amount) adds, fails user/overflow past the range of an i64, broadcasts newCount and
;; answers the new count; count() answers the count.
(module
  (import "troupe" "arg_i64" (func $arg (param i32) (result i64)))
  (import "troupe" "state_get_i64" (func $get (param i32 i32) (result i64)))
  (import "troupe" "state_set_i64" (func $set (param i32 i32 i64)))
  (import "troupe" "broadcast_i64" (func $broadcast (param i32 i32 i64)))
  (import "troupe" "result_i64" (func $result (param i64)))
  (import "troupe" "fail" (func $fail (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "count")
  (data (i32.const 8) "newCount")
  (data (i32.const 16) "overflow")
  (data (i32.const 32) "the sum would pass the range of a long")
  ;; The host's input always fits the scratch area at 1024.
  (func (export "alloc") (param $size i32) (result i32)
    (i32.const 1024))
  (func (export "action_increment") (param $ptr i32) (param $len i32) (result i32)
    (local $count i64) (local $amount i64) (local $sum i64)
    (local.set $count (call $get (i32.const 0) (i32.const 5)))
    (local.set $amount (call $arg (i32.const 0)))
    (local.set $sum (i64.add (local.get $count) (local.get $amount)))
    ;; Signed overflow: both operands differ in sign from the sum.
    (if (i64.lt_s (i64.and (i64.xor (local.get $count) (local.get $sum))
                           (i64.xor (local.get $amount) (local.get $sum)))
                  (i64.const 0))
      (then
        (call $fail (i32.const 16) (i32.const 8) (i32.const 32) (i32.const 38))
        (return (i32.const 1))))
    (call $set (i32.const 0) (i32.const 5) (local.get $sum))
    (call $broadcast (i32.const 8) (i32.const 8) (local.get $sum))
    (call $result (local.get $sum))
    (i32.const 0))
  (func (export "action_count") (param $ptr i32) (param $len i32) (result i32)
    (call $result (call $get (i32.const 0) (i32.const 5)))
    (i32.const 0)))
