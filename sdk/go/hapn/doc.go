// Manage Hapn GPS trackers (labels), boundaries (geofences) and fleets as code.
package hapn
