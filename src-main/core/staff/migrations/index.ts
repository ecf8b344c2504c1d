export { createStaff as createStaffCreateMigration } from './0007-create-staff';
