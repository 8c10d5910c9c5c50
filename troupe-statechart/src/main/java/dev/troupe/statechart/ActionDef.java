package dev.troupe.statechart;

/** A compiled action reference: the name it is listed under and its implementation. */
record ActionDef(String name, ActionImpl impl) {}
