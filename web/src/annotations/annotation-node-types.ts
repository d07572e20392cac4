import { GroupFrame } from './GroupFrame';
import { NoteCard } from './NoteCard';
import { GROUP_TYPE, NOTE_TYPE } from './flow-annotations';
import './annotations.css';

/** React Flow node types of notes and groups: spread into a canvas's `nodeTypes`. */
export const annotationNodeTypes = { [NOTE_TYPE]: NoteCard, [GROUP_TYPE]: GroupFrame };
