Attribute VB_Name = "RibbonSeguimiento"
' Cinta «Seguimiento»: los botones corren en Python el mismo motor que la línea de comandos;
' «Generar reporte» escribe además el reporte de seguimiento en Word junto al libro.
' Los errores (libro sin tabla, Python sin el paquete...) los muestra Python en un mensaje en español.
Sub GenerarAlertas(control As IRibbonControl)
    RunPython "import xl_seguimiento.excel; xl_seguimiento.excel.main()"
End Sub

Sub GenerarReporte(control As IRibbonControl)
    RunPython "import xl_seguimiento.excel; xl_seguimiento.excel.reporte()"
End Sub
