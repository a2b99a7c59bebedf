/** Words of a learner's question that say nothing about which item answers it. */
export const stopWords = new Set(
  `a an the and or but if of to in on at by for with from into about as is are was were be been being do does did done
  can could should would will shall may might must i me my we our you your it its this that these those there here
  what which who whom whose how why when where explain tell show give please help understand meaning
  not no yes so than then too very just also more most some any all each every other such own same`.split(/\s+/),
);

/** Single Han characters too common to say anything alone (particles, copulas). */
export const stopHan = new Set([...'的了是在和與及或嗎呢吧啊我你他她它們這那個有也就都而並']);
