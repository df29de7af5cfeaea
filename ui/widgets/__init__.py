"""Small reusable widgets drawn with QPainter (QtCharts is not part of PySide6-Essentials)."""
