"""The function's and the API's metrics, alarms, alarm topic and dashboard."""
