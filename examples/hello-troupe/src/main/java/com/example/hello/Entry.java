package com.example.hello;

/**
 * One signature in a guestbook.
 *
 * @param number  its place in the guestbook, from 1
 * @param name    who signed
 * @param message what they wrote
 */
public record Entry(int number, String name, String message) {
}
