# Marco del seguimiento, panel, diario, resumen para la consulta, gráficos, pruebas de control y brotes.

## Seguimiento: marco, tablas, avisos

tracker-records-of = Registros de
tracker-shared-read-only = (compartidos con usted; solo lectura)
tracker-switch-person = Cambiar de persona
tracker-nav-label = Seguimiento
tab-dashboard = Resumen
tab-diary = Diario
tab-strength = Fuerza
tab-labs = Análisis
tab-conditions = Enfermedades
tab-medicines = Medicinas
tab-visits = Consultas
tab-summary = Resumen para la consulta
tab-settings = Configuración
tab-sharing = Compartir y exportar
table-region = Tabla: { $caption }
table-action = Acción
table-edit = Editar
table-delete = Borrar
table-edited-on = editado el { $when }
table-history-of = historial de { $what }
form-not-saved = No se guardó.
tz-prompt-owner = Myo todavía no conoce su zona horaria, así que cuenta «hoy» en UTC (tiempo universal coordinado). Si usted vive en otra zona, los días de su diario, las horas de sus dosis y los avisos pueden ir un día desfasados.
tz-prompt-link = Confirme su zona horaria en Configuración
tz-prompt-other = Esta persona todavía no ha confirmado su zona horaria, así que «hoy» en estas páginas se cuenta en UTC (tiempo universal coordinado).
flags-title = Señales de alarma todavía sin atender
flags-tier = { $tier ->
    [emergency] Señal de alarma de emergencia
   *[other] Señal de alarma urgente
}
flags-line = { $tier ->
    [emergency] Señal de alarma de emergencia
   *[other] Señal de alarma urgente
} en la entrada del diario del { $date }
flags-resolve = Marcar como atendida
flags-status-open = todavía sin atender
flags-status-resolved = marcada como atendida el { $date }
flags-period-line = { $tier ->
    [emergency] Señal de alarma de emergencia
   *[other] Señal de alarma urgente
} del { $date }: { $title } ({ $status }).
flags-period-none = No se registró ninguna en este periodo.
flags-period-title = Señales de alarma que aparecieron en el periodo
answer-yes = Sí
answer-no = No
answer-not-answered = Sin responder
value-yes = sí
value-no = no
rating-weakness = debilidad
rating-fatigue = cansancio
rating-pain = dolor
rating-rash = erupción en la piel
rating-itch = picor
rating-sleep_quality = calidad del sueño
rating-mood = ánimo
symptom-swallowing_trouble = dificultad para tragar
symptom-breathlessness = falta de aire
symptom-fever = fiebre
symptom-new_skin_sores = llagas nuevas en la piel
column-date = Fecha
column-note = Nota

## Seguimiento: resumen

title-dashboard = Resumen del seguimiento
dash-at-a-glance = De un vistazo ({ $date })
dash-diary-days = Días con diario en los últimos 30
dash-diary-days-value = { $count } de 30
dash-last-entry = Última entrada del diario
dash-none-yet = todavía ninguna
dash-active-medicines = Medicinas que toma
dash-overdue = Análisis de control atrasados
dash-latest = Últimos valores
dash-latest-measure = Medida
dash-latest-value = Valor
dash-latest-empty = Todavía no hay nada registrado.
dash-not-recorded = sin registrar
dash-monitoring = Análisis de control
dash-monitoring-hint = Según las reglas de control de Myo, con su fecha; cada línea dice de qué guía o prospecto sale. Lo que indique su equipo médico va primero.
dash-monitoring-none = No hay análisis de control pendientes para las medicinas que ha registrado.
dash-due-for = por { $medicine }
due-state = { $state ->
    [overdue] atrasado
    [due-soon] toca pronto
    [upcoming] próximo
   *[done] hecho
}
dash-from = Fuente
dash-and = y
dash-interval-verified = Intervalo comprobado con la fuente (reglas del { $date }).
dash-interval-unverified = Intervalo todavía no comprobado con la fuente (reglas del { $date }).
dash-flares = Señales de brote (últimos 30 días)
dash-flares-hint = Es una estimación (estado: parcial): una subida por encima de sus propios valores recientes. No es un diagnóstico; hable con su equipo médico.
dash-flares-none = No hay señales de brote.
dash-trends = Evolución
dash-trends-hint = Los huecos en una línea son días sin registro, no ceros. Las barras de color bajo un gráfico muestran cuándo tomó cada medicina. Cada gráfico tiene una leyenda y sus valores en una tabla.

## Seguimiento: diario

title-diary = Diario
diary-banner-today = { $tier ->
    [emergency] Señal de alarma de emergencia
   *[other] Señal de alarma urgente
} en la entrada de hoy
diary-banner-day = { $tier ->
    [emergency] Señal de alarma de emergencia
   *[other] Señal de alarma urgente
} en la entrada del { $date }
diary-saved = Guardado.
diary-form-title = ¿Cómo se encuentra hoy?
diary-form-hint = Deje en blanco lo que no quiera puntuar: se guarda como «sin registrar», nunca como 0. Si vuelve a guardar un día que ya tiene entrada, solo cambia lo que usted modifique.
diary-date = Fecha
diary-ratings-legend = Puntuaciones de 0 a 10 (debilidad, cansancio, dolor, erupción y picor: 10 = lo peor; sueño y ánimo: 10 = lo mejor)
diary-symptom-question = ¿Tiene { $symptom }?
diary-note = Nota (opcional, como máximo 2000 caracteres)
diary-clear-title = Borrar una respuesta guardada de este día
diary-clear-hint = Al guardar otra vez el mismo día, se conserva lo que deje en blanco. Marque lo que quiera borrar.
diary-clear-note = nota
diary-submit = Guardar entrada
diary-chart-title = Últimos 90 días
diary-list-title = Entradas
diary-list-caption = Entradas recientes (un día sin entrada es un hueco, no un cero)
diary-list-empty = Todavía no hay entradas en el diario.
diary-delete-label = diario del { $date }

## Seguimiento: resumen para la consulta (página, impresión y PDF)

title-summary = Resumen para la consulta
summary-from = Desde
summary-to = Hasta
summary-sections = Secciones
summary-questions = Preguntas para el médico (una por línea)
summary-submit = Ver resumen
summary-pdf = Descargar en PDF
summary-print-hint = Para tenerlo en papel, use la opción de imprimir de su navegador; la página se imprime sin menús.
summary-heading = { $name }: del { $from } al { $to }
summary-days = { $total ->
    [one] { $recorded } de { $total } día tiene entrada en el diario.
   *[other] { $recorded } de { $total } días tienen entrada en el diario.
}
section-symptoms = Síntomas (diario)
section-strength = Fuerza y capacidad física
section-labs = Resultados de análisis
section-medicines = Medicinas y cambios
section-flares = Señales de brote
section-questions = Preguntas para el médico
summary-symptoms = Síntomas
summary-ratings-caption = Puntuaciones del diario en el periodo
summary-ratings-empty = No hay puntuaciones registradas.
summary-col-rating = Puntuación
summary-col-days = Días registrados
summary-col-mean = Media
summary-col-lowest = Mínima
summary-col-highest = Máxima
summary-col-first = Primera
summary-col-last = Última
summary-symptom-days = sí en { $yes } de { $answered } días con respuesta.
summary-range = del { $from } al { $to }
summary-gaps = Días sin entrada (huecos, no ceros): { $days }.
summary-note = Nota del { $date }
summary-strength = Fuerza y capacidad física
summary-labs-caption = Resultados de análisis en el periodo
summary-labs-empty = No hay resultados de análisis en el periodo.
summary-col-test = Análisis
summary-col-results = Resultados
summary-col-out-of-range = Fuera de rango
summary-col-latest = Último
summary-value-on = { $value } el { $date }
summary-dose-caption = Historial de dosis: la dosis vigente cada día del periodo
summary-col-medicine = Medicina
summary-col-dose = Dosis
summary-col-how = Cómo se toma
summary-taper-step = { $schedule } (paso { $step } de { $steps } de la pauta descendente)
summary-dose-empty = No tomó ninguna medicina en el periodo.
summary-not-taken = no la tomó
summary-medicines = Medicinas y cambios
summary-flares = Señales de brote
summary-flares-note = Las señales de brote son una estimación (estado: parcial), no un diagnóstico: hable de ellas con su equipo médico.
summary-questions-title = Preguntas para el médico
pdf-heading = Resumen para la consulta: { $name }
pdf-title = Resumen para la consulta: { $name }, del { $from } al { $to }
pdf-name = Nombre: { $name }
pdf-birth-date = Fecha de nacimiento: { $date }
pdf-identifier = Identificador: { $id }
pdf-clinician-ref = Identificador del médico: { $id }
pdf-page = Página { $n } de { $total }
pdf-record-id = Registro de Myo { $id }
pdf-none-recorded = no consta
pdf-period = Periodo: del { $from } al { $to }
pdf-made = Hecho: { $when }
pdf-disclaimer = Myo informa; no diagnostica ni receta. Los valores salen de los propios registros de la persona; lo que falta se muestra como que falta, no como normal.
pdf-escalation = En una emergencia (le cuesta respirar o tragar, tiene dolor en el pecho o se desmaya), llame ya al 911, al 112 o al número de emergencias de su país.
pdf-nothing = No hay nada registrado.
pdf-chart-alt = Gráfico de las puntuaciones del diario del { $from } al { $to }: debilidad (línea continua), cansancio (discontinua), dolor (de puntos), de 0 a 10; los cortes son días sin entrada. La tabla de arriba da los mismos datos en números.
clin-diagnosis-title = Diagnóstico y anticuerpos
clin-conditions-caption = Diagnósticos tal como se registraron
clin-col-condition = Enfermedad
clin-col-diagnosed = Diagnosticada
clin-col-resolved = Resuelta
clin-conditions-empty = No hay ningún diagnóstico registrado.
clin-antibodies-caption = Resultados de anticuerpos y con qué se asocia un resultado positivo
clin-col-antibody = Anticuerpo
clin-col-result = Resultado
clin-col-sample-date = Fecha de la muestra
clin-col-associated = Se asocia con (páginas de información)
clin-antibodies-empty = No hay ningún resultado de anticuerpos registrado.
clin-no-kb-entry = sin página de información
clin-not-given = no consta
clin-labs-caption = Cada resultado con el rango de referencia del laboratorio
clin-trends-caption = Evolución de cada prueba en el periodo (se compara el primer resultado con el último)
clin-col-change = Cambio
clin-trend-one = un solo resultado: sin evolución
clin-trend-same = sin cambios
clin-trend-up = sube un { $pct } %
clin-trend-down = baja un { $pct } %
clin-trend-up-from-zero = sube desde 0
clin-trend-other-units = { $n } en otra unidad, sin comparar
clin-col-range = Rango de referencia
clin-col-against = Respecto al rango
clin-below = por debajo
clin-within = dentro
clin-above = por encima
clin-no-range = sin rango
clin-visits-caption = Consultas: puntuaciones de los instrumentos y puntuación total de mejoría (TIS)
clin-col-tis = TIS respecto a la consulta anterior
clin-visits-empty = No hay ninguna consulta registrada en el periodo.
clin-not-assessed = no evaluado
clin-not-scored = no se pudo puntuar
clin-of = { $value } de { $max }
clin-incomplete = incompleto (de { $max })
clin-haq = { $value } (de 0, lo mejor, a { $max })
clin-no-visit-before = sin consulta anterior
clin-tis = { $score } de 100, mejoría { $category ->
    [none] nula
    [minimal] mínima
    [moderate] moderada
    [major] importante
   *[other] { $category }
} (desde el { $date })
clin-tis-lower-bound = { $score } de 100, mejoría { $category ->
    [none] nula
    [minimal] mínima
    [moderate] moderada
    [major] importante
   *[other] { $category }
}; es un mínimo, faltan algunas medidas (desde el { $date })
clin-not-computed = no calculado: { $why }
clin-missed-caption = Dosis registradas como olvidadas
clin-col-time = Hora
clin-missed-empty = No hay ninguna dosis registrada como olvidada (de las dosis no anotadas no se sabe si se tomaron o se olvidaron).
clin-deleted-medicine = una medicina borrada
summary-visit-line = Consulta o evaluación del { $date }: MMT-8 { $mmt }, HAQ-DI { $haq }, CMAS { $cmas }.
summary-home-tests = { $test }: { $count ->
    [one] { $count } prueba
   *[other] { $count } pruebas
}; primera { $first }, última { $last }.
hometest-sit-to-stand = levantarse de la silla en 30 segundos (veces)
hometest-timed-up-and-go = levantarse y caminar cronometrado (segundos)
hometest-arm-raise = brazos en alto (segundos)
settings-title = Su zona horaria y su fecha de nacimiento
settings-hint = Myo la usa para saber qué es «hoy», para los días de su diario, las fechas que no pueden ser futuras, las horas de las dosis y cuándo se editó una entrada. Hoy, en esta zona, es
settings-tz-label = Zona horaria (empiece a escribir una ciudad, por ejemplo Europe/Madrid)
settings-tz-unsaved = Todavía no hay ninguna zona horaria guardada, así que Myo usa UTC. Elija la suya y pulse Guardar.
settings-tz-found = Su navegador indica { $zone }; ya está escrita arriba. Pulse Guardar para confirmarla.
settings-birth-date = Fecha de nacimiento (opcional)
settings-birth-date-hint = Las personas con quienes comparte sus registros la ven junto a su nombre, para no confundirle con alguien que se llame igual. Déjela en blanco para quitarla.
settings-submit = Guardar configuración
title-settings = Configuración
title-kb = Aprender sobre la miositis
kb-pages = { $count ->
    [one] { $count } página
   *[other] { $count } páginas
}
notice-deleted = Borrado.
notice-edited = Cambios guardados. La versión anterior se conserva en el historial de la entrada.
notice-assessed = Guardado y puntuado. Los puntos marcados como no evaluados se muestran como que faltan y nunca se puntúan.
notice-settings = Configuración guardada.
title-forgot = ¿Olvidó su contraseña?
forgot-intro = Escriba el correo electrónico con el que inicia sesión. Si corresponde a una cuenta, le enviaremos un enlace para elegir una contraseña nueva. El enlace sirve una sola vez, durante { $minutes } minutos.
forgot-submit = Enviarme un enlace
forgot-ask-admin = Este sitio no envía correos. Pida a su administrador un enlace para elegir una contraseña nueva; puede crearlo desde la lista de cuentas.
forgot-signs-out = Al elegir una contraseña nueva se cierran todas sus sesiones y se anulan sus claves de la API.
forgot-back = Volver a iniciar sesión
forgot-sent = Si { $email } corresponde a una cuenta, le hemos enviado un enlace para elegir una contraseña nueva. Sirve una sola vez, durante { $minutes } minutos. ¿No le ha llegado? Mire en la carpeta de correo no deseado y vuelva a pedirlo.
forgot-err-too-many = Se han pedido demasiados enlaces. Espere una hora y vuelva a intentarlo.
title-reset = Elija una contraseña nueva
reset-for-account = Para la cuenta
reset-signs-out = Al guardarla se cierran todas sus sesiones y se anulan sus claves de la API.
reset-password = Contraseña nueva
reset-password-again = Repita la contraseña nueva
reset-submit = Guardar la contraseña nueva
reset-invalid = Este enlace no funciona: ya se usó, tiene más de { $minutes } minutos o se copió mal.
reset-ask-again = Pida un enlace nuevo

## Gráficos (los dibuja el registro con estas palabras)
chart-no-data = Aún no hay datos
chart-nothing-recorded = Aún no hay datos: nada registrado del { $from } al { $to }.
chart-window = Del { $from } al { $to }.
chart-series-empty = { $series }: ningún valor registrado.
chart-series-summary = { $series }: { $count ->
    [one] un valor
    *[other] { $count } valores
  } del { $first } al { $last }, mínimo { $lowest }, máximo { $highest }, último { $latest } { $unit }{ $breaks ->
    [0] .
    [one] ; la línea se corta una vez donde faltan días.
    *[other] ; la línea se corta { $breaks } veces donde faltan días.
  }
chart-reference-band = Franja sombreada: intervalo de referencia { $range }.
chart-medicine-period = Periodo de medicamento: { $medicine } del { $from } al { $to }.
chart-now = hoy
chart-ongoing = sigue
chart-bar = { $medicine }, del { $from } al { $to }
chart-key = Leyenda: { $title }
chart-reference-range = Intervalo de referencia { $range }
chart-table-summary = { $title }: valores en una tabla
chart-table-label = Tabla: valores de { $title }
chart-table-caption = { $title } ({ $unit }), del { $from } al { $to }
chart-table-caption-range = { $title } ({ $unit }), del { $from } al { $to }; intervalo de referencia { $range }
chart-col-date = Fecha
chart-medicines-caption = Medicamentos en este periodo
chart-col-medicine = Medicamento y dosis
chart-col-from = Desde
chart-col-to = Hasta
chart-diary-title = Valoraciones del diario (0–10)
chart-diary-unit = puntos (0–10)
chart-home-test-title = Prueba en casa: { $test }
chart-unit-stands = veces
chart-unit-seconds = segundos
chart-mmt8-title = MMT-8 total (más alto es más fuerza)
chart-mmt8-unit = puntos (0–{ $max })

## Pruebas de control en el panel
monitor-test-full_blood_count = hemograma completo
monitor-test-liver_tests = análisis del hígado
monitor-test-kidney_function = función renal
monitor-test-tpmt = análisis de TPMT
monitor-test-blood_pressure = presión arterial
monitor-test-glucose = azúcar en sangre (glucosa)
monitor-test-hepatitis_b = análisis de hepatitis B
monitor-test-immunoglobulins = niveles de inmunoglobulinas
monitor-test-lipids = colesterol (lípidos)
monitor-test-eye_screening = revisión de los ojos
monitor-baseline-before = hace falta un control inicial ({ $test }) antes de empezar
monitor-baseline-within = hace falta un control inicial ({ $test }) en los { $days } días siguientes al inicio
monitor-done = { $test } hecho el { $date }; no hay repetición programada
monitor-repeat = { $test } cada { $weeks } semanas en esta fase del tratamiento
monitor-repeat-last = { $repeat }; último resultado el { $date }
monitor-overdue = RETRASADO { $days ->
    [one] un día
   *[other] { $days } días
  } (tocaba el { $due }): { $why }
monitor-due = toca el { $due }: { $why }

## Señales de brote
flare-rise = una subida
flare-drop = una bajada
flare-diary = { $rating }: { $value } el { $date }, frente a una media de { $mean } (media de los { $days } días registrados antes, dentro de { $lookback } días; { $change } de { $threshold } o más cuenta como posible brote)
flare-ck = CK de { $value } U/L el { $date }: { $times } veces el valor anterior, { $previous } U/L el { $previous_date } (más de { $factor } veces cuenta como subida)
# Avisos tras una acción en otras páginas.
notice-welcome = ¡Bienvenido/a! Su cuenta está lista.
notice-password = Su contraseña se ha cambiado. Se cerraron las demás sesiones.
notice-token-revoked = El token se ha revocado.
notice-session-revoked = La sesión se ha cerrado.
notice-disabled = La cuenta está desactivada. Se cerró su sesión en todas partes y sus tokens de la API ya no funcionan.
notice-enabled = La cuenta puede volver a iniciar sesión. Sus tokens antiguos de la API siguen revocados.
notice-role = El rol se ha cambiado.
notice-unchanged = No hay nada que cambiar: la cuenta ya estaba así.
notice-moderator-granted = La cuenta ahora puede moderar publicaciones de la comunidad.
notice-moderator-withdrawn = La cuenta ya no puede moderar publicaciones de la comunidad.
notice-queue-done = Hecho. La publicación salió de la cola o se actualizó.
notice-post-published = Gracias. Su publicación aparece abajo.
notice-post-held = Gracias. Su publicación espera a un moderador y, hasta entonces, solo usted puede verla.
notice-post-reported = Gracias. Un moderador revisará la publicación que ha denunciado.
notice-post-already-reported = Ya denunció esta publicación; un moderador la revisará.
notice-post-deleted = Su publicación se ha borrado.
notice-identifier = Se guardó su identificador para este paciente.
notice-shares-revoked = { $count ->
    [0] No había ningún enlace activo.
    [one] Se dejó de compartir: se revocó 1 enlace.
   *[other] Se dejó de compartir: se revocaron { $count } enlaces.
}
notice-access-ready = El acceso para { $email } está listo ({ $access }). Empieza cuando esa persona inicie sesión en Myo con esa dirección o cree una cuenta con ella; puede retirarlo cuando quiera.
notice-access-revoked = Se revocó el acceso.
notice-data-deleted = Se borraron { $count } elementos guardados. Su cuenta sigue existiendo.
patients-overdue-line = { $test } de { $medicine }, tocaba el { $due }
