;; A chat-room child for rollups: tag(text) answers the number of words in one message and keeps
;; the running total of words in its state.
(module
  (import "troupe" "state_get_i64" (func $get (param i32 i32) (result i64)))
  (import "troupe" "state_set_i64" (func $set (param i32 i32 i64)))
  (import "troupe" "result_i64" (func $result (param i64)))
  (memory (export "memory") 1)
  (data (i32.const 0) "words")
  (func (export "alloc") (param $size i32) (result i32)
    (i32.const 1024))
  ;; The input is the JSON array ["<text>"]: count the starts of words between its quotes.
  (func (export "action_tag") (param $ptr i32) (param $len i32) (result i32)
    (local $i i32) (local $end i32) (local $words i64) (local $inside i32) (local $byte i32)
    (local.set $i (i32.add (local.get $ptr) (i32.const 2)))
    (local.set $end (i32.sub (i32.add (local.get $ptr) (local.get $len)) (i32.const 2)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $byte (i32.load8_u (local.get $i)))
        (if (i32.eq (local.get $byte) (i32.const 32))
          (then (local.set $inside (i32.const 0)))
          (else
            (if (i32.eqz (local.get $inside))
              (then (local.set $words (i64.add (local.get $words) (i64.const 1)))))
            (local.set $inside (i32.const 1))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (call $set (i32.const 0) (i32.const 5)
      (i64.add (call $get (i32.const 0) (i32.const 5)) (local.get $words)))
    (call $result (local.get $words))
    (i32.const 0)))
