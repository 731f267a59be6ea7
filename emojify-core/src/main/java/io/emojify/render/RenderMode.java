package io.emojify.render;

/** How the emoji are drawn onto the image. */
public enum RenderMode {
    /** Each face is covered by its emoji, sized to the face box and turned to the eye line where landmarks exist. */
    REPLACE,
    /** The face stays visible and a small emoji badge is added at the top-right corner of its box. */
    BADGE,
    /** Debugging: boxes, landmarks and a label with the emotion and its probability; no emoji art. */
    BOXES
}
