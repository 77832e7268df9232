"""Opening a real restaurant: the demo marker, programme templates and the headless set-up."""
