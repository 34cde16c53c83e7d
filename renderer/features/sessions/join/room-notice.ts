// What a party is told about the room they are in. Only with others there can anyone see or hear
// them; alone, they are waiting — in the joint room for others to come in, in a private room for
// the mediator, who is with another party.
export type RoomNotice = 'inJoint' | 'aloneInJoint' | 'inCaucus' | 'aloneInRoom';

export function roomNotice(joint: boolean, others: number): RoomNotice {
  if (joint) return others > 0 ? 'inJoint' : 'aloneInJoint';
  return others > 0 ? 'inCaucus' : 'aloneInRoom';
}
