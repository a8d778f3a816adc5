import { Entity, PrimaryColumn, Column, Index } from 'typeorm';
import { InstantColumn } from '../columns.js';

/** A note kept by the demo API on behalf of its owner. */
@Entity('notes')
@Index('notes_owner_id', ['ownerId'])
export class NoteEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36, name: 'owner_id' })
  ownerId!: string;

  @Column({ type: 'text' })
  text!: string;

  @InstantColumn({ name: 'created_at' })
  createdAt!: Date;
}
