Attribute VB_Name = "RibbonSeguimiento"
' Cinta «Seguimiento»: los botones corren en Python el mismo motor que la línea de comandos;
' «Generar reporte» escribe además el reporte de seguimiento en Word junto al libro.
' Los errores (libro sin tabla, Python sin el paquete...) los muestra Python en un mensaje en español.
Sub GenerarAlertas(control As IRibbonControl)
    ' Sin libro activo, o con el libro en Vista protegida, RunPython fallaría con el error 91.
    If Not Application.ActiveProtectedViewWindow Is Nothing Then
        MsgBox "El libro está en Vista protegida: pulse «Habilitar edición» en la barra amarilla y " & _
            "vuelva a pulsar «Generar alertas».", vbExclamation, "xl-seguimiento"
        Exit Sub
    End If
    If ActiveWorkbook Is Nothing Then
        MsgBox "Abra el libro de seguimiento y vuelva a pulsar «Generar alertas».", vbExclamation, "xl-seguimiento"
        Exit Sub
    End If
    RunPython "import xl_seguimiento.excel; xl_seguimiento.excel.main()"
End Sub

Sub GenerarReporte(control As IRibbonControl)
    RunPython "import xl_seguimiento.excel; xl_seguimiento.excel.reporte()"
End Sub
